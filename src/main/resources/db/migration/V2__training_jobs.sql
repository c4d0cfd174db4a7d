-- Training jobs on a Spark source (DatabaseJobs), so that every replica answers GET /jobs/{id} alike. The replica
-- that runs a job writes its state here as it changes, and marks it alive every second while it runs.
create table training_jobs (
    id               text primary key,
    -- submission order: the oldest finished jobs are forgotten first
    seq              bigint generated always as identity unique,
    finished         boolean not null default false,
    -- when the running replica last wrote or marked the job: a job unfinished and silent for long was lost
    updated_at       timestamptz not null,
    -- set by any replica on DELETE /jobs/{id}; the running replica cancels the job when it sees it
    cancel_requested boolean not null default false,
    -- the job as GET /jobs/{id} shows it
    status           jsonb not null check (jsonb_typeof(status) = 'object')
);
