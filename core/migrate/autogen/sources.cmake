target_sources(strata_core PRIVATE
    migrate/autogen/comparator.h migrate/autogen/comparator.cpp
    migrate/autogen/normalize.h migrate/autogen/typenormalize.cpp
    migrate/autogen/tablediff.h migrate/autogen/tablediff.cpp migrate/autogen/renamematcher.cpp
    migrate/autogen/snapshotsources.h migrate/autogen/snapshotsources.cpp
    migrate/autogen/revisionreplay.cpp
    migrate/autogen/autogenerator.h migrate/autogen/autogenerator.cpp)
