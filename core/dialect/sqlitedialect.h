#pragma once

#include "dialect.h"

namespace strata::dialect {

class SqliteDialect final : public Dialect {
public:
    DialectKind kind() const override { return DialectKind::Sqlite; }
    QString name() const override { return QStringLiteral("sqlite"); }
    QString qtDriverName() const override { return QStringLiteral("QSQLITE"); }
    Capabilities capabilities() const override;
    bool isReservedWord(const QString &word) const override;
    Error mapError(const QSqlError &error, const QString &sql = {}) const override;
    QString unchangedCondition(const ComparedColumn &column, const QVariant &value, SqlParams &params) const override;

protected:
    bool needsQuoting(const QString &name) const override;
    QString bytesLiteral(const QByteArray &bytes) const override;
    QString boolLiteral(bool value) const override;
    QString floatLiteral(double value) const override;
    QString textLiteral(const QString &text) const override;
    QString textBytesLiteral(const QByteArray &bytes) const override;
};

} // namespace strata::dialect
