// tag::essay[]
/**
 * The parts a student rebuilds: one interface per part, the reference
 * implementation as the default, and {@link dev.gort.runtime.part.Parts} to
 * choose, per part, which one a runtime uses.
 *
 * <p>Everything else in a runtime stays the reference, so a student who has
 * done only the mutex exercise still has a working scheduler, and their mutex
 * runs inside it. Each reference implementation marks the code a student writes
 * as solution regions; the workbook's stub generator turns those classes into a
 * chapter's stubs, so the reference is the one source of truth.
 *
 * <p>A part may use only the runtime's public API: that is what lets a copy of
 * the reference class compile in a chapter's package. The scheduler functions a
 * part calls are one surface, {@code sched.Proc}, under Go's names ({@code
 * stopm}, {@code releasep}, {@code globrunqget}...).
 *
 * <p>A part owns its state: the run queue is made per P, the free-G pool and
 * the memory parts once per runtime, each by a factory the Parts hold, and each
 * reports what it holds as values (a count, a G). This package only names the
 * parts: it imports no implementation. A part left unchosen is the reference,
 * which the runtime builds when it boots.
 *
 * <p>Status: student-facing SPI.
 */
// end::essay[]
package dev.gort.runtime.part;
