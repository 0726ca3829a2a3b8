#include "sqlinsertwriter.h"

namespace strata::data::io {

void SqlInsertWriter::begin(const QStringList &columns, const QList<QMetaType> &, QString &)
{
    const dialect::Dialect &d = dialect::dialectFor(m_options.sqlDialect);
    QStringList quoted;
    for (const QString &name : columns)
        quoted << d.quoteIdentifier(name);
    m_prefix = QStringLiteral("INSERT INTO ") + d.qualifiedName(m_options.tableSchema, m_options.tableName)
             + QStringLiteral(" (") + quoted.join(QStringLiteral(", ")) + QStringLiteral(") VALUES (");
}

void SqlInsertWriter::writeRow(const QVariantList &row, QString &out)
{
    const dialect::Dialect &d = dialect::dialectFor(m_options.sqlDialect);
    out += m_prefix;
    for (qsizetype i = 0; i < row.size(); ++i) {
        if (i)
            out += QStringLiteral(", ");
        out += d.literal(row.at(i));
    }
    out += QStringLiteral(");\n");
}

} // namespace strata::data::io
