target_sources(strata_core PRIVATE
    connection/connectionprofile.h connection/connectionprofile.cpp
    connection/connectionstring.h connection/connectionstring_p.h connection/connectionstring.cpp
    connection/redaction.h connection/redaction.cpp
    connection/postgresurl.cpp connection/keywordstring.cpp
    connection/pgenvironment.h connection/pgenvironment.cpp connection/pgpass.cpp
    connection/databaseopener.h connection/databaseopener.cpp
    connection/nativehandle.h connection/nativehandle.cpp
    connection/connectionworker.h connection/connectionworker.cpp
    connection/connection.h connection/connection.cpp
    connection/readerpool.h connection/readerpool.cpp
    connection/tunnelprocess.h connection/tunnelprocess.cpp
    connection/profilefields.h connection/profilefields.cpp
    connection/connectionstore.h connection/connectionstore.cpp
    connection/profileimport.h connection/profilejson.cpp connection/serviceimport.cpp connection/toolimport.cpp
    connection/credentialstore.h connection/credentialstore.cpp)
