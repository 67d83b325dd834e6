package dev.gort.runtime.sched;

/**
 * Visits 0..count-1 in a random order without allocating: start at a random position and step by a
 * random stride coprime with count, so every position is visited exactly once. Go: proc.go
 * {@code randomOrder} ({@code stealOrder}), {@code randomOrder.start}.
 *
 * <p>One random number r gives both: the position from its low part ({@code r mod count}) and the
 * stride from the rest ({@code (r / count) mod len(coprimes)}), so the first
 * {@code count * len(coprimes)} values of r give that many different (start, stride) pairs. Taking
 * both from {@code r mod something} instead ties them together: at 4 Ps (strides 1 and 3) only
 * half of the pairs would ever occur. Immutable; procresize replaces it when GOMAXPROCS changes.
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

    /** The stride for random number r (the same r as {@link #start}). */
    public int inc(int r) {
        return coprimes[Integer.remainderUnsigned(Integer.divideUnsigned(r, count), coprimes.length)];
    }

    /** How many strides there are: the numbers in 1..count coprime with count. */
    public int strides() {
        return coprimes.length;
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
