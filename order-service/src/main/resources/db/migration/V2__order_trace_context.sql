-- Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode (the local default).

-- The trace of the request that placed an order (W3C ids, lower-case hex): the reconciler's later attempts on
-- the order continue that trace, so the order's whole story is one trace in Zipkin and one id in the logs.
-- Null for an order placed while its request was not traced (and for orders placed before this migration).
alter table orders add column trace_id varchar(32);
alter table orders add column span_id varchar(16);
