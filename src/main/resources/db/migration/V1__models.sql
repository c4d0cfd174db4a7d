-- The shared model store (DatabaseModelStore). Models are immutable: rows are inserted and deleted, never updated.
create table models (
    id         text primary key,
    -- insertion order: listings are newest first
    seq        bigint generated always as identity unique,
    name       text,
    created_at timestamptz not null,
    size_bytes bigint not null check (size_bytes > 0),
    -- {"formatVersion": 1, "model": {...}}, as the on-disk store writes it
    model      jsonb not null check (jsonb_typeof(model -> 'model') = 'object')
);

comment on column models.size_bytes is 'the heap the model takes in a replica''s cache, as ModelFootprint estimates it';
comment on column models.model is 'versioned JSON: {"formatVersion": n, "model": {...}}';
