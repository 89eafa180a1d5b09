-- The hourly follow-up job moves open tasks between 'scheduled', 'due' and 'overdue' (millions of rows in a
-- large deployment). No follow-up figure depends on which open status a task has (overdue is read from the
-- window end), so such an update emits nothing; before, it emitted three −1 and three +1 rows per task.
CREATE OR REPLACE FUNCTION rollup_followup_tasks_trigger() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  v date;
BEGIN
  IF TG_OP = 'UPDATE' AND OLD.region_code = NEW.region_code AND OLD.window_end = NEW.window_end
     AND OLD.created_at = NEW.created_at AND OLD.id = NEW.id
     AND (OLD.status = NEW.status OR (OLD.status IN ('scheduled', 'due', 'overdue') AND NEW.status IN ('scheduled', 'due', 'overdue'))) THEN
    RETURN NULL;
  END IF;
  IF TG_OP <> 'INSERT' THEN
    SELECT r.visited_on INTO v FROM followup_records r WHERE r.task_id = OLD.id;
    PERFORM rollup_followup_emit(OLD.region_code, OLD.status, OLD.window_end, OLD.created_at, v, -1);
  END IF;
  IF TG_OP <> 'DELETE' THEN
    SELECT r.visited_on INTO v FROM followup_records r WHERE r.task_id = NEW.id;
    PERFORM rollup_followup_emit(NEW.region_code, NEW.status, NEW.window_end, NEW.created_at, v, 1);
  END IF;
  RETURN NULL;
END;
$$;
