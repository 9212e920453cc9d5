-- Ranking the top keys of a long range (e.g. the 10 busiest agents over a year) sums `count` over
-- ~365 day rows per key. Day rows carry wide sketches inline, so reading them from the heap means
-- reading ~0.5 GB for 1000 agents; this covering index lets PostgreSQL answer from the index alone
-- (index-only scan, once autovacuum has marked the pages all-visible). Only the day table: hour and
-- minute ranges rank over far fewer rows. Cost: updates of open day windows are no longer HOT.
CREATE INDEX rollup_1d_rank ON rollup_1d (grp, window_start) INCLUDE (agent_id, model, operation, count);
