package dev.gort.runtime.os;

/**
 * A failure that carries what a dying runtime printed: the simulated OS's report (each M, what it
 * is blocked on and who owns it, its G and frames, the last OS events) or a throw's traceback.
 * gort's own: the runtime's {@code FatalError} implements it, so that a seed sweep, which sits
 * below the runtime, can show the report under the seed that failed.
 */
public interface DeathReport {
    /** The line that introduces the report in a failure message. */
    String HEADING = "What the runtime printed as it died:";

    /** Everything the runtime printed while dying; may be empty. */
    String output();

    /**
     * The output of the first {@code DeathReport} in {@code t}'s cause chain, at most {@code max}
     * characters (the end is cut), or "" if there is none.
     */
    static String of(Throwable t, int max) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof DeathReport r && r.output() != null && !r.output().isBlank()) {
                String out = r.output().strip();
                return out.length() <= max ? out
                        : out.substring(0, max) + "\n... (" + (out.length() - max) + " more characters)";
            }
        }
        return "";
    }
}
