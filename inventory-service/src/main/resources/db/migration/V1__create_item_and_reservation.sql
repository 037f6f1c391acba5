-- Runs on PostgreSQL and on H2 in PostgreSQL mode (the local default): keep to SQL both understand.

create table item (
    sku        varchar(64)              not null,
    name       varchar(200)             not null,
    available  integer                  not null,
    version    bigint                   not null,
    updated_at timestamp with time zone not null,
    constraint item_pk primary key (sku),
    -- The last line of defence: the conditional UPDATE never gets here, a bug would fail loudly.
    constraint item_available_not_negative check (available >= 0)
);

create table reservation (
    order_id    uuid                     not null,
    status      varchar(16)              not null,
    created_at  timestamp with time zone not null,
    released_at timestamp with time zone,
    constraint reservation_pk primary key (order_id),
    constraint reservation_status_known check (status in ('RESERVED', 'RELEASED'))
);

create table reservation_line (
    order_id uuid        not null,
    sku      varchar(64) not null,
    quantity integer     not null,
    constraint reservation_line_pk primary key (order_id, sku),
    constraint reservation_line_reservation_fk foreign key (order_id) references reservation (order_id),
    constraint reservation_line_item_fk foreign key (sku) references item (sku),
    constraint reservation_line_quantity_positive check (quantity > 0)
);
