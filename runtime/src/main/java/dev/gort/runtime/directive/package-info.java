/**
 * The runtime-only compiler directives of Go's runtime (HACKING.md, "Runtime-only compiler
 * directives"), as annotations: {@link dev.gort.runtime.directive.SystemStack},
 * {@link dev.gort.runtime.directive.NoWriteBarrier},
 * {@link dev.gort.runtime.directive.NoWriteBarrierRec},
 * {@link dev.gort.runtime.directive.YesWriteBarrierRec} and
 * {@link dev.gort.runtime.directive.NotInHeap}.
 *
 * <p>Go's compiler checks them; gort checks {@code @NoWriteBarrier} at run time (the collector's
 * write barrier throws Go's message when it runs inside such a method, in checked mode) and the
 * others with a bytecode checker (chapter 06). They are retained at run time so both can see them.
 *
 * <p>Status: public API, annotations only (imports nothing).
 */
package dev.gort.runtime.directive;
