-- Runs unchanged on PostgreSQL and on H2 in PostgreSQL mode (the local default).

create table orders (
    id              uuid          not null primary key,
    owner           varchar(255)  not null,
    status          varchar(16)   not null,
    idempotency_key varchar(100)  not null,
    -- SHA-256 (hex) of the lines: a replay with the same key must carry the same lines.
    request_hash    varchar(64)   not null,
    created_at      timestamp(6) with time zone not null,
    updated_at      timestamp(6) with time zone not null,
    -- Reservation attempts so far (the placing request plus every reconciler pass).
    attempts        integer       not null default 0,
    -- A cancelled order that may still hold stock in inventory: the reconciler releases it.
    release_pending boolean       not null default false,
    -- Optimistic locking: concurrent writers (requests, reconcilers of several instances) never overwrite each other.
    version         bigint        not null default 0,
    constraint orders_status_check check (status in ('PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED')),
    constraint orders_owner_idempotency_key_unique unique (owner, idempotency_key)
);

-- "my orders, newest first"
create index orders_owner_created_at_idx on orders (owner, created_at desc, id desc);
-- the reconciler's "PENDING (or awaiting release) and untouched for a while"
create index orders_status_updated_at_idx on orders (status, updated_at);

create table order_line (
    order_id uuid        not null references orders (id) on delete cascade,
    line_no  integer     not null,
    sku      varchar(64) not null,
    quantity integer     not null check (quantity between 1 and 10000),
    primary key (order_id, line_no)
);

-- What inventory said was short when it rejected an order, kept so that a replay of the
-- request answers with the same problem.
create table order_shortage (
    order_id  uuid        not null references orders (id) on delete cascade,
    sku       varchar(64) not null,
    requested integer     not null,
    available integer     not null
);

create index order_shortage_order_id_idx on order_shortage (order_id);
