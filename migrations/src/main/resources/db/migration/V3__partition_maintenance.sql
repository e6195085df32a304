-- Partition maintenance: partitions are created ahead of time, rows that landed in a DEFAULT partition are moved
-- into their own partition, and old partitions leave by retention. The application (at start-up and daily) and
-- the command line run maintain_partitions(); it replaces the design's create_partition_if_not_exists().
--
--   table              period   created ahead                 retention  old partitions
--   trades             quarter  current + 2 quarters          7 years    detached into schema archive
--   audit_log          month    current + 3 months            2 years    detached into schema archive
--   market_data_cache  day      today + 7 days                30 days    dropped
--
-- Periods are UTC. Partition names are unique per granularity: trades_2026_q4, audit_log_2026_11,
-- market_data_cache_2026_11_23.

CREATE SCHEMA archive;
COMMENT ON SCHEMA archive IS
    'Partitions detached from trades and audit_log by retention, kept for archiving (export, then drop by the DBA)';

-- The UTC period [range_from, range_to) of one granularity that contains an instant.
CREATE FUNCTION partition_period(p_granularity TEXT, p_at TIMESTAMPTZ,
                                 OUT range_from TIMESTAMPTZ, OUT range_to TIMESTAMPTZ)
    LANGUAGE sql
    IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT date_trunc(p_granularity, p_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC',
           (date_trunc(p_granularity, p_at AT TIME ZONE 'UTC')
               + CASE p_granularity WHEN 'quarter' THEN INTERVAL '3 months'
                                    WHEN 'month' THEN INTERVAL '1 month'
                                    WHEN 'day' THEN INTERVAL '1 day' END) AT TIME ZONE 'UTC'
$$;

COMMENT ON FUNCTION partition_period(TEXT, TIMESTAMPTZ) IS
    'The UTC quarter, month or day containing an instant, as [range_from, range_to)';

-- The name of a partition, unique per table and granularity (the design's 'YYYY_Q"q"' gave every month of a
-- quarter the same name).
CREATE FUNCTION partition_name(p_parent TEXT, p_granularity TEXT, p_from TIMESTAMPTZ)
    RETURNS TEXT
    LANGUAGE sql
    IMMUTABLE STRICT PARALLEL SAFE
    SET search_path = pg_catalog, pg_temp
AS $$
    SELECT p_parent || '_' || to_char(p_from AT TIME ZONE 'UTC',
                                      CASE p_granularity WHEN 'quarter' THEN 'YYYY_"q"Q'
                                                         WHEN 'month' THEN 'YYYY_MM'
                                                         WHEN 'day' THEN 'YYYY_MM_DD' END)
$$;

COMMENT ON FUNCTION partition_name(TEXT, TEXT, TIMESTAMPTZ) IS
    'Partition name of a period: trades_2026_q4, audit_log_2026_11, market_data_cache_2026_11_23';

CREATE FUNCTION maintain_partitions(p_now TIMESTAMPTZ DEFAULT now())
    RETURNS TABLE (action TEXT, table_name TEXT, partition_name TEXT,
                   range_from TIMESTAMPTZ, range_to TIMESTAMPTZ, rows_affected BIGINT)
    LANGUAGE plpgsql
    SECURITY DEFINER
    SET search_path = pg_catalog, pg_temp
    SET "TimeZone" = 'UTC'
    SET "DateStyle" = 'ISO, YMD'
    -- Fail rather than queue behind a long transaction: a waiting ATTACH/DETACH would block trading behind it.
    SET lock_timeout = '5s'
AS $$
#variable_conflict error
DECLARE
    policy RECORD;
    period RECORD;
    part RECORD;
    v_step INTERVAL;
    v_cutoff TIMESTAMPTZ;
    v_default TEXT;
    v_name TEXT;
    v_columns TEXT;
    v_moved BIGINT;
    v_archived TEXT;
    v_suffix INT;
    v_upper TIMESTAMPTZ;
BEGIN
    IF p_now IS NULL THEN
        RAISE EXCEPTION 'maintain_partitions needs a time, got NULL' USING ERRCODE = 'null_value_not_allowed';
    END IF;
    -- One maintenance at a time per database; a second caller waits, however long, then finds the work done.
    -- The lock timeout is for the table locks below, which trading sessions may hold.
    PERFORM set_config('lock_timeout', '0', true);
    PERFORM pg_advisory_xact_lock(8102661179592942958); -- 'partmain' as a bigint
    PERFORM set_config('lock_timeout', '5s', true);

    FOR policy IN
        SELECT * FROM (VALUES ('trades', 'quarter', 2, INTERVAL '7 years', 'detach'),
                              ('audit_log', 'month', 3, INTERVAL '2 years', 'detach'),
                              ('market_data_cache', 'day', 7, INTERVAL '30 days', 'drop'))
                     AS p (parent, granularity, ahead, retention, retire)
    LOOP
        v_step := CASE policy.granularity WHEN 'quarter' THEN INTERVAL '3 months'
                                          WHEN 'month' THEN INTERVAL '1 month'
                                          ELSE INTERVAL '1 day' END;
        -- Retention follows the database clock even if p_now runs ahead of it: a caller (the application may
        -- execute this function) cannot retire partitions early by passing a future time.
        v_cutoff := least(p_now, now()) - policy.retention;
        v_default := policy.parent || '_default';
        SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) INTO v_columns
          FROM pg_attribute a
         WHERE a.attrelid = format('public.%I', policy.parent)::regclass
           AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '';

        -- Periods to have: from the current one to the look-ahead, and those of rows waiting in the default
        -- partition unless retention would retire them at once (those stay where they are).
        FOR period IN EXECUTE format(
            $q$SELECT DISTINCT w.range_from, w.range_to
                 FROM (SELECT (public.partition_period($1, $2 + $3 * n)).*
                         FROM generate_series(0, $4) AS n
                       UNION ALL
                       SELECT (public.partition_period($1, d.timestamp)).*
                         FROM ONLY public.%I AS d) AS w
                WHERE w.range_to > $5
                ORDER BY w.range_from$q$, v_default)
            USING policy.granularity, p_now, v_step, policy.ahead, v_cutoff
        LOOP
            v_name := public.partition_name(policy.parent, policy.granularity, period.range_from);
            CONTINUE WHEN EXISTS (SELECT FROM pg_inherits i
                                   WHERE i.inhparent = format('public.%I', policy.parent)::regclass
                                     AND i.inhrelid = to_regclass(format('public.%I', v_name)));

            -- Build the partition detached, move its rows out of the default partition, then attach it. Rows are
            -- moved into a plain table, so no INSERT trigger fires: a moved trade is not mistaken for a replay.
            EXECUTE format('CREATE TABLE public.%I (LIKE public.%I INCLUDING DEFAULTS INCLUDING CONSTRAINTS'
                           ' INCLUDING GENERATED INCLUDING STORAGE)', v_name, policy.parent);
            EXECUTE format('LOCK TABLE ONLY public.%I IN SHARE ROW EXCLUSIVE MODE', v_default);
            EXECUTE format('INSERT INTO public.%I (%s) SELECT %s FROM ONLY public.%I'
                           ' WHERE timestamp >= $1 AND timestamp < $2', v_name, v_columns, v_columns, v_default)
                USING period.range_from, period.range_to;
            GET DIAGNOSTICS v_moved = ROW_COUNT;
            IF v_moved > 0 THEN
                EXECUTE format('DELETE FROM ONLY public.%I WHERE timestamp >= $1 AND timestamp < $2', v_default)
                    USING period.range_from, period.range_to;
            END IF;
            EXECUTE format('ALTER TABLE public.%I ATTACH PARTITION public.%I FOR VALUES FROM (%L) TO (%L)',
                           policy.parent, v_name, period.range_from, period.range_to);
            action := 'created'; table_name := policy.parent; partition_name := v_name;
            range_from := period.range_from; range_to := period.range_to; rows_affected := v_moved;
            RETURN NEXT;
        END LOOP;

        -- Retention: partitions wholly older than the cutoff leave.
        FOR part IN
            SELECT c.relname AS name,
                   substring(pg_get_expr(c.relpartbound, c.oid) FROM 'FROM \(''([^'']+)''\)') AS lower_text,
                   substring(pg_get_expr(c.relpartbound, c.oid) FROM 'TO \(''([^'']+)''\)') AS upper_text
              FROM pg_inherits i
              JOIN pg_class c ON c.oid = i.inhrelid
             WHERE i.inhparent = format('public.%I', policy.parent)::regclass
             ORDER BY c.relname
        LOOP
            CONTINUE WHEN part.upper_text IS NULL; -- DEFAULT partition, or a MAXVALUE bound
            v_upper := part.upper_text::TIMESTAMPTZ;
            CONTINUE WHEN v_upper > v_cutoff;
            IF policy.retire = 'drop' THEN
                EXECUTE format('DROP TABLE public.%I', part.name);
                action := 'dropped'; partition_name := part.name;
            ELSE
                EXECUTE format('ALTER TABLE public.%I DETACH PARTITION public.%I', policy.parent, part.name);
                v_archived := part.name;
                v_suffix := 1;
                WHILE to_regclass(format('archive.%I', v_archived)) IS NOT NULL LOOP
                    v_suffix := v_suffix + 1;
                    v_archived := part.name || '_' || v_suffix;
                END LOOP;
                IF v_archived <> part.name THEN
                    EXECUTE format('ALTER TABLE public.%I RENAME TO %I', part.name, v_archived);
                END IF;
                EXECUTE format('ALTER TABLE public.%I SET SCHEMA archive', v_archived);
                action := 'detached'; partition_name := 'archive.' || v_archived;
            END IF;
            table_name := policy.parent; range_from := part.lower_text::TIMESTAMPTZ; range_to := v_upper;
            rows_affected := NULL;
            RETURN NEXT;
        END LOOP;

        -- A cache has nothing worth keeping: rows past retention that wait in its default partition go too.
        IF policy.retire = 'drop' THEN
            EXECUTE format('DELETE FROM ONLY public.%I WHERE timestamp < $1', v_default) USING v_cutoff;
            GET DIAGNOSTICS v_moved = ROW_COUNT;
            IF v_moved > 0 THEN
                action := 'purged'; table_name := policy.parent; partition_name := v_default;
                range_from := NULL; range_to := v_cutoff; rows_affected := v_moved;
                RETURN NEXT;
            END IF;
        END IF;
    END LOOP;
END;
$$;

COMMENT ON FUNCTION maintain_partitions(TIMESTAMPTZ) IS
    'Creates partitions from the period of p_now up to the look-ahead, moves rows out of the DEFAULT partitions into new partitions, and applies retention as of least(p_now, now()) (trades 7 years and audit_log 2 years: detached into schema archive; market_data_cache 30 days: dropped). Idempotent, serialized by an advisory lock. Returns one row per action: created (rows_affected = rows moved from the default partition), detached, dropped, purged';
