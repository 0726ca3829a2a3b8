#pragma once

// The statement splitter lives in core/dialect (dialect/statementsplitter.h), beside the
// lexer it runs on; exec keeps its names.

#include "dialect/statementsplitter.h"
#include "sqllexer.h"

namespace strata::exec {

using dialect::positionOf;
using dialect::SqlStatement;
using dialect::StatementSplitter;
using dialect::TextPosition;
using dialect::UnterminatedConstruct;

} // namespace strata::exec
