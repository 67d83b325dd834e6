package dev.gort.runtime.sched;

/**
 * Visits 0..count-1 in a random order without allocating: start at a random position and step by a
 * random stride coprime with count, so every position is visited exactly once. Go: proc.go
 * {@code randomOrder} ({@code stealOrder}).
 */
public final class RandomOrder {
    private final int count;
    private final int[] coprimes;

    public RandomOrder(int count) {
        this.count = count;
        int n = 0;
        int[] c = new int[count];
        for (int i = 1; i <= count; i++) {
            if (gcd(i, count) == 1) {
                c[n++] = i;
            }
        }
        coprimes = java.util.Arrays.copyOf(c, n);
    }

    public int count() {
        return count;
    }

    /** The first position for random number r. */
    public int start(int r) {
        return Integer.remainderUnsigned(r, count);
    }

    /** The stride for random number r. */
    public int inc(int r) {
        return coprimes[Integer.remainderUnsigned(r, coprimes.length)];
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
