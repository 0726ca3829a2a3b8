#pragma once

#include "dialect.h"

namespace strata::dialect {

class PostgresDialect final : public Dialect {
public:
    DialectKind kind() const override { return DialectKind::Postgres; }
    QString name() const override { return QStringLiteral("postgresql"); }
    QString qtDriverName() const override { return QStringLiteral("QPSQL"); }
    Capabilities capabilities() const override;
    bool isReservedWord(const QString &word) const override;
    Error mapError(const QSqlError &error, const QString &sql = {}) const override;
    QString unchangedCondition(const ComparedColumn &column, const QVariant &value, SqlParams &params) const override;

    /// Error kind for a SQLSTATE (class-based, with a few specific codes).
    static ErrorKind kindForSqlState(const QString &sqlState);

protected:
    bool needsQuoting(const QString &name) const override;
    QString bytesLiteral(const QByteArray &bytes) const override;
    QString boolLiteral(bool value) const override;
};

} // namespace strata::dialect
