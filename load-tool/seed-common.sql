-- What the load tool's seed scripts share (included with \ir): the local workspace's ids as ./run makes them, the
-- benchmark channel's, and a time-ordered id function.
\set ws '00000000-0000-7000-8000-00000000a001'
\set alice '00000000-0000-7000-8000-00000000b001'
\set bob '00000000-0000-7000-8000-00000000b002'
\set general '00000000-0000-7000-8000-00000000c001'
\set ch '00000000-0000-7000-8000-0000000bec01'

-- A time-ordered id for a timestamp (UUIDv7 layout), as the API makes them.
CREATE FUNCTION pg_temp.uuid7(ts timestamptz) RETURNS uuid LANGUAGE sql VOLATILE AS $$
    SELECT (lpad(to_hex((extract(epoch FROM ts) * 1000)::bigint), 12, '0') || '7'
            || substr(md5(random()::text), 1, 3) || to_hex(8 + floor(random() * 4)::int)
            || substr(md5(random()::text), 1, 15))::uuid
$$;
