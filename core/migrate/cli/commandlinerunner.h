#pragma once

// The strata-migrate command line as a library function, so an application can build its
// own runner that knows its mapped structs (Alembic's env.py with target_metadata):
//
//     int main(int argc, char **argv)
//     {
//         strata::mapping::MetaData models;
//         models.add<Book, Author>();
//         return strata::migrate::runCommandLine(argc, argv, &models);
//     }
//
// Then `my-migrate revision --autogenerate -m "add price"` compares the database with the
// models. The generic strata-migrate passes no models.

namespace strata::mapping { class MetaData; }

namespace strata::migrate {

/// Parses the arguments, runs one command and returns the process exit code (0 success,
/// 1 failure, 2 usage error). Creates the QCoreApplication when there is none yet.
/// `models` (may be nullptr) must outlive the call.
int runCommandLine(int argc, char **argv, const mapping::MetaData *models = nullptr);

} // namespace strata::migrate
