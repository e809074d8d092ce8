-- Users and their sessions. Only BCrypt hashes of passwords are kept.
create table users (
    login         varchar(64)  primary key,
    password_hash varchar(100) not null,
    role          varchar(16)  not null check (role in ('USER', 'ADMIN'))
);

create table sessions (
    token      char(64)    primary key,
    login      varchar(64) not null references users (login) on delete cascade,
    created_at timestamptz not null,
    expires_at timestamptz not null
);
create index sessions_expires_at on sessions (expires_at);

create table environments (
    env_name   varchar(40)  primary key,
    owner      varchar(64)  not null references users (login),
    status     varchar(16)  not null,
    created_at timestamptz  not null
);
create index environments_owner on environments (owner);

-- Node ids are stable and unique across the platform, whatever container backs the node.
create sequence node_ids start with 100;

create table nodes (
    id               bigint       primary key,
    env_name         varchar(40)  not null references environments (env_name) on delete cascade,
    node_group       varchar(32)  not null,
    image_repository varchar(255) not null,
    image_tag        varchar(128) not null,
    container_id     varchar(64)  not null default '',
    status           varchar(16)  not null,
    -- the user's own configuration (env, cmd, entrypoint, ports, volumes, links, hostname, memory)
    config           jsonb        not null
);
create index nodes_env_name on nodes (env_name);
