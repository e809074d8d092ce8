-- A node's previous container, kept for rollback, with the archives taken of it.
create table snapshots (
    id               varchar(64)  primary key,
    node_id          bigint       not null references nodes (id) on delete cascade,
    env_name         varchar(40)  not null,
    created_at       timestamptz  not null,
    image_repository varchar(255) not null,
    image_tag        varchar(128) not null,
    operation_id     varchar(64)  not null,
    container_id     varchar(64)  not null,
    config           jsonb        not null,
    archives         jsonb        not null
);
create index snapshots_node_id on snapshots (node_id, created_at desc);

-- The journal of operations: written before each step, so an interrupted one can be found and finished.
create table operations (
    id          varchar(64)  primary key,
    kind        varchar(16)  not null,
    env_name    varchar(40)  not null,
    caller      varchar(64)  not null,
    target      varchar(600) not null,
    started_at  timestamptz  not null,
    finished_at timestamptz,
    result      varchar(16),
    error       varchar(2000)
);
create index operations_env_name on operations (env_name, started_at desc);

create table operation_nodes (
    operation_id varchar(64) not null references operations (id) on delete cascade,
    node_id      bigint      not null,
    position     int         not null,
    step         varchar(32),
    outcome      varchar(16),
    -- the node's report as the API shows it, once the node is done
    report       jsonb,
    updated_at   timestamptz not null,
    primary key (operation_id, node_id)
);
