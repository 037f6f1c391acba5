-- The metrics' reads of the reconciler's backlog (OrderMetrics), run at most once per few seconds whatever
-- the number of scrapes; both stay index lookups however many orders the table holds. Runs unchanged on
-- PostgreSQL and on H2 in PostgreSQL mode.

-- the age of the oldest PENDING order: min(created_at) where status = 'PENDING'
create index orders_status_created_at_idx on orders (status, created_at);
-- cancelled orders that may still hold stock: few rows among all cancelled ones (H2 has no partial index)
create index orders_release_pending_idx on orders (release_pending, status);
