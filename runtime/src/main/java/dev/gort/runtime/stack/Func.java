package dev.gort.runtime.stack;

import dev.gort.runtime.directive.SystemStack;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.BitSet;

/**
 * What the runtime knows about a function that keeps data on the simulated stack: its name, its
 * frame's size in word slots, which slots hold pointers (the stack map), and whether it is
 * {@link SystemStack} code. Go: runtime2.go / symtab.go {@code _func} with its args/locals pointer
 * maps ({@code funcdata}), found there from a PC; here a frame's first word holds the Func's id.
 *
 * <p>Invariants: immutable; ids are unique in the JVM, never reused, and never 0 (a zeroed word is
 * no frame). Funcs are made once, as static constants, like a compiled function's metadata.
 */
public final class Func {
    private static final Object LOCK = new Object();
    private static volatile Func[] table = new Func[64]; // by id; replaced under LOCK
    private static int next = 1;                       // guarded by LOCK

    public final int id;
    public final String name;
    public final int slots;          // words of locals, after the frame's header word
    public final long frameSize;     // bytes: the header word and the slots
    public final boolean systemstack;
    private final long[] ptrmask;    // bit i: slot i holds a pointer
    private final String owner;      // the Java class whose method enters it; null: any class
    private final String method;     // that method's name: given, or the name's last element

    private Func(String name, int slots, int[] pointerSlots, boolean systemstack, String owner,
                 String method) {
        if (slots < 0) {
            throw new IllegalArgumentException("a frame has at least 0 slots, got " + slots);
        }
        BitSet bits = new BitSet(slots);
        for (int s : pointerSlots) {
            if (s < 0 || s >= slots) {
                throw new IllegalArgumentException(name + ": pointer slot " + s + " outside its "
                        + slots + " slots");
            }
            bits.set(s);
        }
        this.name = name;
        this.slots = slots;
        this.frameSize = 8L * (1 + slots);
        this.systemstack = systemstack;
        this.owner = owner;
        this.method = method;
        this.ptrmask = Arrays.copyOf(bits.toLongArray(), (slots + 63) / 64);
        synchronized (LOCK) {
            this.id = next++;
            Func[] t = table;
            if (id >= t.length) {
                t = Arrays.copyOf(t, t.length * 2);
            }
            t[id] = this;
            table = t;
        }
    }

    /** A function named {@code name} (Go's form, e.g. {@code main.f}) with a frame of the given slots. */
    public static Func of(String name, int slots, int... pointerSlots) {
        return new Func(name, slots, pointerSlots, false, null, name.substring(name.lastIndexOf('.') + 1));
    }

    /**
     * The Func of a Java method: named {@code Class.method}, and system-stack code if the method (any
     * overload; or a constructor when method is {@code <init>}) carries {@link SystemStack}.
     */
    public static Func of(Class<?> c, String method, int slots, int... pointerSlots) {
        Executable[] all = method.equals("<init>") ? c.getDeclaredConstructors() : c.getDeclaredMethods();
        boolean found = false;
        boolean sys = false;
        for (Executable e : all) {
            if (e instanceof Constructor<?> || ((Method) e).getName().equals(method)) {
                found = true;
                sys |= e.isAnnotationPresent(SystemStack.class);
            }
        }
        if (!found) {
            throw new IllegalArgumentException(c.getName() + " has no method " + method);
        }
        return new Func(c.getSimpleName() + "." + method, slots, pointerSlots, sys, c.getName(), method);
    }

    /**
     * Whether a Java frame of {@code className.methodName} is the one that entered this Func's frame:
     * how a traceback pairs the simulated frames with the Java frames that hold their source lines
     * (Go finds both from one PC). A Func named {@code pkg.f} belongs to methods named {@code f}.
     */
    public boolean enteredBy(String className, String methodName) {
        return method.equals(methodName) && (owner == null || owner.equals(className));
    }

    /** Whether slot i holds a pointer. */
    public boolean isPointer(int slot) {
        return (ptrmask[slot >>> 6] & (1L << slot)) != 0;
    }

    /** The Func with this id, or null (Go: findfunc of a bad PC). */
    static Func byId(long id) {
        Func[] t = table;
        return id > 0 && id < t.length ? t[(int) id] : null;
    }

    @Override
    public String toString() {
        return name;
    }
}
