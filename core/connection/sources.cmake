target_sources(strata_core PRIVATE
    connection/connectionprofile.h connection/connectionprofile.cpp
    connection/databaseopener.h connection/databaseopener.cpp
    connection/nativehandle.h connection/nativehandle.cpp
    connection/connectionworker.h connection/connectionworker.cpp
    connection/connection.h connection/connection.cpp)
