-- Overdue and due lists over a large region (a city, a province): reading open tasks in date order and stopping
-- at the page size beats a region-prefix range when the region holds most tasks (bench/followup-worklists.ts showed
-- a parallel sequential scan for a city's overdue list). The planner picks between these and the (region_code, …) ones.
CREATE INDEX followup_tasks_overdue_idx ON followup_tasks (window_end, id) WHERE status IN ('scheduled', 'due', 'overdue');
CREATE INDEX followup_tasks_due_idx ON followup_tasks (due_date, id) WHERE status IN ('scheduled', 'due', 'overdue');
