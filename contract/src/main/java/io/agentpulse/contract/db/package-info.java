/**
 * The database schema (resources {@code db/migration}, Flyway) and what applies it. In the contract because
 * every service's tables are there (the processor's rollups, the query API's users, sessions, keys, audit,
 * layouts and alert state): the processor applies them at start, tests of any module migrate without it.
 * Migration files never change once released: Flyway checksums them.
 */
package io.agentpulse.contract.db;
