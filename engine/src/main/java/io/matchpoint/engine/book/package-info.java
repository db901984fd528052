/**
 * Preallocated, index-addressed data structures of the order book: the order pool, the price-level pool, the
 * per-side price ladder and the client order id index. Plain Java over primitives; no I/O, no pipeline,
 * single-threaded.
 * Indexes are {@code int}s into pools and {@link io.matchpoint.engine.book.OrderPool#NONE} marks "no entry".
 */
package io.matchpoint.engine.book;
