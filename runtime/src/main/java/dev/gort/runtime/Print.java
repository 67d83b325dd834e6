package dev.gort.runtime;

/**
 * The runtime's {@code print}: strings and numbers encoded into the M's own buffer and written to
 * fd 2 through the OS, allocating nothing, so that code that must not allocate (the allocator, a
 * dying runtime, a signal handler) can still say what went wrong.
 *
 * <p>Go: print.go {@code printstring}, {@code printint}, {@code printuint}, {@code printhex},
 * {@code printbool}, {@code gwrite}; each call is one {@code write(2, ...)}, as each of Go's print
 * arguments is.
 *
 * <p>Invariants: only the M's own thread uses its {@code printbuf}. Strings are encoded as UTF-8 by
 * hand ({@code String.getBytes} would allocate); an unpaired surrogate becomes {@code ?}.
 */
final class Print {
    private Print() {}

    /** Bytes in each M's print buffer: a longer string is written in several pieces. */
    static final int BUF = 256;

    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Go: printstring. */
    static void string(M mp, String s) {
        byte[] b = mp.printbuf;
        int n = 0;
        int len = s.length();
        for (int i = 0; i < len; i++) {
            if (n > BUF - 4) { // room for the longest UTF-8 sequence
                write(mp, b, n);
                n = 0;
            }
            char c = s.charAt(i);
            if (c < 0x80) {
                b[n++] = (byte) c;
            } else if (c < 0x800) {
                b[n++] = (byte) (0xc0 | c >> 6);
                b[n++] = (byte) (0x80 | c & 0x3f);
            } else if (Character.isHighSurrogate(c) && i + 1 < len && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(c, s.charAt(++i));
                b[n++] = (byte) (0xf0 | cp >> 18);
                b[n++] = (byte) (0x80 | cp >> 12 & 0x3f);
                b[n++] = (byte) (0x80 | cp >> 6 & 0x3f);
                b[n++] = (byte) (0x80 | cp & 0x3f);
            } else if (Character.isSurrogate(c)) {
                b[n++] = '?';
            } else {
                b[n++] = (byte) (0xe0 | c >> 12);
                b[n++] = (byte) (0x80 | c >> 6 & 0x3f);
                b[n++] = (byte) (0x80 | c & 0x3f);
            }
        }
        write(mp, b, n);
    }

    /** Go: printint. Decimal, with a minus sign. */
    static void decimal(M mp, long v) {
        byte[] b = mp.printbuf;
        int i = BUF;
        long u = v;
        do {
            b[--i] = (byte) ('0' + Math.abs(u % 10)); // abs of a remainder: Long.MIN_VALUE too
            u /= 10;
        } while (u != 0);
        if (v < 0) {
            b[--i] = '-';
        }
        mp.rt.os.write(2, b, i, BUF - i);
    }

    /** Go: printhex. {@code 0x} and lower-case digits, the value read as unsigned. */
    static void hex(M mp, long v) {
        byte[] b = mp.printbuf;
        int i = BUF;
        long u = v;
        do {
            b[--i] = HEX[(int) (u & 0xf)];
            u >>>= 4;
        } while (u != 0);
        b[--i] = 'x';
        b[--i] = '0';
        mp.rt.os.write(2, b, i, BUF - i);
    }

    private static void write(M mp, byte[] b, int n) {
        if (n > 0) {
            mp.rt.os.write(2, b, 0, n);
        }
    }
}
