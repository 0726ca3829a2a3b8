target_sources(strata_core PRIVATE
    catalog/catalogtypes.h catalog/catalogtypes.cpp
    catalog/catalogreader.h catalog/catalogreader.cpp
    catalog/catalogsql.h
    catalog/sqlitecatalogreader.h catalog/sqlitecatalogreader.cpp
    catalog/sqlitecreateparser.h catalog/sqlitecreateparser.cpp
    catalog/postgrescatalogreader.h catalog/postgrescatalogreader.cpp
    catalog/postgresrows.h catalog/postgresrows.cpp
    catalog/postgresddl.h catalog/postgresddl.cpp
    catalog/catalogjobs.h catalog/catalogjobs.cpp
    catalog/sqliterowcounts.h catalog/sqliterowcounts.cpp)

# The catalog queries themselves, read with catalogSql("<dialect>/<name>").
set(strata_catalog_sql_dir ${PROJECT_SOURCE_DIR}/resources/catalog)
qt_add_resources(strata_core "strata_catalog_sql"
    PREFIX "/strata"
    BASE "${PROJECT_SOURCE_DIR}/resources"
    FILES
        ${strata_catalog_sql_dir}/sqlite/schemas.sql
        ${strata_catalog_sql_dir}/sqlite/relations.sql
        ${strata_catalog_sql_dir}/sqlite/columns.sql
        ${strata_catalog_sql_dir}/sqlite/columnnames.sql
        ${strata_catalog_sql_dir}/sqlite/indexes.sql
        ${strata_catalog_sql_dir}/sqlite/foreignkeys.sql
        ${strata_catalog_sql_dir}/sqlite/triggers.sql
        ${strata_catalog_sql_dir}/postgres/schemas.sql
        ${strata_catalog_sql_dir}/postgres/schemaexists.sql
        ${strata_catalog_sql_dir}/postgres/relations.sql
        ${strata_catalog_sql_dir}/postgres/sequences.sql
        ${strata_catalog_sql_dir}/postgres/routines.sql
        ${strata_catalog_sql_dir}/postgres/selection.sql
        ${strata_catalog_sql_dir}/postgres/relationdetails.sql
        ${strata_catalog_sql_dir}/postgres/columns.sql
        ${strata_catalog_sql_dir}/postgres/columncomparison.sql
        ${strata_catalog_sql_dir}/postgres/indexes.sql
        ${strata_catalog_sql_dir}/postgres/constraints.sql
        ${strata_catalog_sql_dir}/postgres/triggers.sql
        ${strata_catalog_sql_dir}/postgres/foreignkeygraph.sql)
target_sources(strata_core PRIVATE
    catalog/schemanotifier.h catalog/schemanotifier.cpp
    catalog/descriptionstore.h catalog/descriptionstore.cpp)
