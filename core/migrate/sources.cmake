target_sources(strata_core PRIVATE
    migrate/graph/revisiongraph.h migrate/graph/revisiongraph.cpp
    migrate/graph/revisiongraphtargets.cpp migrate/graph/revisiongraphplans.cpp
    migrate/graph/revisionlookup.cpp migrate/graph/revisiongraphstamp.cpp
    migrate/script/inifile.h migrate/script/inifile.cpp
    migrate/script/projectconfig.h migrate/script/projectconfig.cpp
    migrate/script/revisionscript.h migrate/script/revisionscript.cpp
    migrate/script/revisionchecksum.h migrate/script/revisionchecksum.cpp
    migrate/script/revisionfileparser.h migrate/script/revisionfileparser.cpp
    migrate/script/alembicreader.h migrate/script/alembicreader.cpp
    migrate/script/scriptstore.h migrate/script/scriptstore.cpp
    migrate/script/revisionwriter.h migrate/script/revisionwriter.cpp)
target_sources(strata_core PRIVATE
    migrate/runner/scriptexecutor.h migrate/runner/scriptexecutor.cpp
    migrate/runner/sectioncheck.h migrate/runner/sectioncheck.cpp
    migrate/runner/versiontable.h migrate/runner/versiontable.cpp
    migrate/runner/migrationlock.h migrate/runner/migrationlock.cpp
    migrate/runner/sqlitelockfile.h migrate/runner/sqlitelockfile.cpp
    migrate/runner/runcanceller.h migrate/runner/runcanceller.cpp
    migrate/runner/migrationrunner.h migrate/runner/migrationrunner.cpp migrate/runner/migrationrunnersection.cpp
    migrate/runner/driftcheck.h migrate/runner/driftcheck.cpp
    migrate/runner/sqliteforeignkeys.h migrate/runner/sqliteforeignkeys.cpp)
target_sources(strata_core PRIVATE
    migrate/runner/offlinerenderer.h migrate/runner/offlinerenderer.cpp
    migrate/revisioninfo.h migrate/revisioninfo.cpp
    migrate/migrationengine.h migrate/migrationengine.cpp)
include(${CMAKE_CURRENT_LIST_DIR}/ops/sources.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/autogen/sources.cmake)
target_sources(strata_core PRIVATE
    migrate/cli/commandline.h migrate/cli/commandline.cpp
    migrate/cli/errorreport.h migrate/cli/errorreport.cpp
    migrate/cli/clidatabase.h migrate/cli/clidatabase.cpp
    migrate/cli/commands.h migrate/cli/commands.cpp
    migrate/cli/autogencommand.h migrate/cli/autogencommand.cpp
    migrate/cli/codegencommand.h migrate/cli/codegencommand.cpp
    migrate/cli/modelssqlcommand.h migrate/cli/modelssqlcommand.cpp
    migrate/cli/commandlinerunner.h migrate/cli/commandlinerunner.cpp
    migrate/cli/interruptsignals.h migrate/cli/interruptsignals.cpp)
