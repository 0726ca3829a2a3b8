target_sources(strata_core PRIVATE
    monitor/monitorsql.h monitor/monitorsql.cpp
    monitor/monitortypes.h monitor/monitortypes.cpp
    monitor/postgresmonitorreader.h monitor/postgresmonitorreader.cpp
    monitor/counterrates.h monitor/counterrates.cpp
    monitor/metrichistory.h monitor/metrichistory.cpp
    monitor/postgresmonitor.h monitor/postgresmonitor.cpp
    monitor/activitymodel.h monitor/activitymodel.cpp
    monitor/activityfilter.h monitor/activityfilter.cpp
    monitor/blockingtreemodel.h monitor/blockingtreemodel.cpp
    monitor/locksummarymodel.h monitor/locksummarymodel.cpp
    monitor/maintenancestatement.h monitor/maintenancestatement.cpp
    monitor/maintenancerunner.h monitor/maintenancerunner.cpp
    monitor/sqlitehealth.h monitor/sqlitehealth.cpp
    monitor/sqlitehealthsession.h monitor/sqlitehealthsession.cpp)

# The monitor queries, read with monitorSql("<dialect>/<name>", serverVersion).
set(strata_monitor_sql_dir ${PROJECT_SOURCE_DIR}/resources/monitor)
qt_add_resources(strata_core "strata_monitor_sql"
    PREFIX "/strata"
    BASE "${PROJECT_SOURCE_DIR}/resources"
    FILES
        ${strata_monitor_sql_dir}/postgres/overview.sql
        ${strata_monitor_sql_dir}/postgres/counters.sql
        ${strata_monitor_sql_dir}/postgres/sizes.sql
        ${strata_monitor_sql_dir}/postgres/activity.sql
        ${strata_monitor_sql_dir}/postgres/querytext.sql
        ${strata_monitor_sql_dir}/postgres/blocking.sql
        ${strata_monitor_sql_dir}/postgres/locksummary.sql
        ${strata_monitor_sql_dir}/postgres/lockdetail.sql
        ${strata_monitor_sql_dir}/postgres/replicationprimary.sql
        ${strata_monitor_sql_dir}/postgres/replicationstandby.sql
        ${strata_monitor_sql_dir}/postgres/cancelbackend.sql
        ${strata_monitor_sql_dir}/postgres/terminatebackend.sql
        ${strata_monitor_sql_dir}/postgres/tablestats.sql
        ${strata_monitor_sql_dir}/postgres/indexstats.sql
        ${strata_monitor_sql_dir}/postgres/progress.sql)
