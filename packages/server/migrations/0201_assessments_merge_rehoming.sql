-- A submitted assessment stays immutable, but it may be re-homed to another person record when the
-- register merges two records of the same person (and back when the merge is undone): an UPDATE that
-- changes person_id and nothing else is allowed. Everything else still raises.
CREATE OR REPLACE FUNCTION assessments_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.status = 'submitted' THEN
    IF TG_OP = 'UPDATE' AND (to_jsonb(NEW) - 'person_id') = (to_jsonb(OLD) - 'person_id') THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'submitted assessment % is immutable', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  IF TG_OP = 'DELETE' THEN
    RETURN OLD;
  END IF;
  RETURN NEW;
END;
$$;
