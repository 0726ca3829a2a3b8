target_sources(strata_core PRIVATE
    migrate/autogen/comparator.h
    migrate/autogen/snapshotsources.h
    migrate/autogen/autogenerator.h)
