#pragma once

// The SQL lexer lives in core/dialect (dialect/sqllexer.h), below catalog, so every module
// may use it; exec keeps its names for the console, completion and formatter.

#include "dialect/sqllexer.h"

namespace strata::exec {

using dialect::DialectKind;
using dialect::isIdentifierChar;
using dialect::LexState;
using dialect::SqlLexer;
using dialect::SqlToken;
using dialect::TokenKind;

} // namespace strata::exec
