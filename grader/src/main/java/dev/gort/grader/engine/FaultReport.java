package dev.gort.grader.engine;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A test JVM that died of SIGSEGV, told the way Go tells a fault: the JVM's error file
 * ({@code -XX:ErrorFile}) holds the signal's code and address, the program counter and the crashed
 * thread's Java frames, and this turns them into Go's report
 * ({@code unexpected fault address 0x..}, {@code fatal error: fault}, the {@code [signal SIGSEGV ...]}
 * line, then the frames), so that a stray access in unchecked unmanaged memory reads the same on the
 * real OS as the runtime's checked fault does on the simulated one.
 *
 * <p>Go: signal_unix.go {@code sigpanic} and panic.go {@code throw("fault")} for a fault outside
 * the heap. The frames are the JVM's (innermost first), without the JDK's own that carry an access
 * (FFM and VarHandle plumbing) or call the test (reflection, JUnit, jqwik, the runner).
 */
record FaultReport(int code, String codeName, long addr, String pc, List<String> frames) {
    private static final Pattern SIGINFO = Pattern.compile(
            "siginfo: si_signo: 11 \\(SIGSEGV\\), si_code: (\\d+) \\((\\w+)\\), si_addr: 0x([0-9a-fA-F]+)");
    private static final Pattern PC = Pattern.compile("SIGSEGV \\(0xb\\) at pc=0x([0-9a-fA-F]+)");
    private static final Pattern FRAME = Pattern.compile("^[jJ] +(?:\\d+ +c[12] +)?(\\S+)");
    private static final int MAX_FRAMES = 12;

    /** The report in the JVM's error file, or null when there is none or it is not a SIGSEGV's. */
    static FaultReport read(Path errorFile) {
        try {
            return Files.isRegularFile(errorFile)
                    ? parse(Files.readString(errorFile, StandardCharsets.ISO_8859_1)) : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** The report in an error file's text, or null when it holds no SIGSEGV. */
    static FaultReport parse(String hsErr) {
        Matcher si = SIGINFO.matcher(hsErr);
        if (!si.find()) {
            return null;
        }
        Matcher pc = PC.matcher(hsErr);
        List<String> frames = new ArrayList<>();
        int at = hsErr.indexOf("\nJava frames:"); // there when the native walk has interpreted frames
        if (at < 0) {
            at = hsErr.indexOf("\nNative frames:"); // else the Java frames are among the native ones
        }
        if (at >= 0) {
            for (String line : hsErr.substring(at + 1).lines().skip(1).toList()) {
                Matcher m = FRAME.matcher(line);
                if (!m.find()) {
                    if (line.isBlank()) {
                        break;
                    }
                    continue; // the VM's and native code's frames (v, V, C)
                }
                String frame = m.group(1);
                if (!plumbing(frame) && frames.size() < MAX_FRAMES) {
                    frames.add(frame);
                }
            }
        }
        return new FaultReport(Integer.parseInt(si.group(1)), si.group(2),
                Long.parseUnsignedLong(si.group(3), 16), pc.find() ? pc.group(1) : "0", frames);
    }

    /** The JDK's own frames between the code and the access, and the test framework's below the test. */
    private static boolean plumbing(String frame) {
        return frame.startsWith("jdk.internal.") || frame.startsWith("java.lang.invoke.")
                || frame.startsWith("java.lang.foreign.") || frame.startsWith("java.lang.reflect.")
                || frame.startsWith("org.junit.") || frame.startsWith("net.jqwik.")
                || frame.startsWith("dev.gort.grader.");
    }

    /** What the address was, in a few words (SEGV_MAPERR: nothing there; SEGV_ACCERR: protected). */
    String meaning() {
        return switch (codeName) {
            case "SEGV_MAPERR" -> "nothing is mapped there";
            case "SEGV_ACCERR" -> "mapped, but protected (a page reserved or faulted, not Ready)";
            default -> codeName;
        };
    }

    /** Go's fault report, then the crashed thread's Java frames. */
    String goStyle() {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "unexpected fault address 0x%x%nfatal error: fault%n"
                + "[signal SIGSEGV: segmentation violation code=0x%x addr=0x%x pc=0x%s]%n",
                addr, code, addr, pc.replaceFirst("^0+(?=.)", "")));
        if (!frames.isEmpty()) {
            b.append(String.format("%nthe test thread's frames (innermost first):%n"));
            frames.forEach(f -> b.append('\t').append(f).append(System.lineSeparator()));
        }
        return b.toString();
    }
}
