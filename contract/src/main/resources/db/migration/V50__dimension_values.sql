-- The values seen of each slicing dimension (issue 15: dimensions; docs/CONTRACTS.md "Dimensions").
-- Rollups sliced by a dimension are the rows of group g@dimension=value (grp holds the escaped value,
-- schemas/Dimensions). A "group by environment" or the filter's value list needs the values in a
-- range: reading them here (a few rows per dimension) avoids a LIKE over the rollup tables, which no
-- btree index serves under a non-C collation. The rollup sink keeps it from the rows of group
-- all@..., in the transaction that writes them; times are window starts and only move outwards.
CREATE TABLE dimension_values (
    dimension   text NOT NULL,
    value       text NOT NULL,
    grp_value   text NOT NULL,          -- the value as escaped in grp (what queries compare)
    first_seen  timestamptz NOT NULL,
    last_seen   timestamptz NOT NULL,
    PRIMARY KEY (dimension, value)
);
CREATE INDEX dimension_values_seen ON dimension_values (dimension, last_seen);
