// Names and types for code generation (codegen.h): identifiers a C++ compiler accepts for
// any table or column name, and the member type for each catalog type spelling.

#include "codegen.h"

#include <QSet>

namespace strata::mapping {

namespace {

// C++20 keywords and alternative tokens, plus macros that common builds define (GNU mode
// defines `linux` and `unix`; Qt without QT_NO_KEYWORDS defines signals, slots, emit, foreach).
const QSet<QString> &reservedNames()
{
    static const QSet<QString> names = [] {
        const char *const words[] = {
            "alignas", "alignof", "and", "and_eq", "asm", "auto", "bitand", "bitor", "bool", "break", "case",
            "catch", "char", "char8_t", "char16_t", "char32_t", "class", "compl", "concept", "const", "consteval",
            "constexpr", "constinit", "const_cast", "continue", "co_await", "co_return", "co_yield", "decltype",
            "default", "delete", "do", "double", "dynamic_cast", "else", "enum", "explicit", "export", "extern",
            "false", "float", "for", "friend", "goto", "if", "inline", "int", "long", "mutable", "namespace", "new",
            "noexcept", "not", "not_eq", "nullptr", "operator", "or", "or_eq", "private", "protected", "public",
            "register", "reinterpret_cast", "requires", "return", "short", "signed", "sizeof", "static",
            "static_assert", "static_cast", "struct", "switch", "template", "this", "thread_local", "throw", "true",
            "try", "typedef", "typeid", "typename", "union", "unsigned", "using", "virtual", "void", "volatile",
            "wchar_t", "while", "xor", "xor_eq", "linux", "unix", "signals", "slots", "emit", "foreach", "forever",
            "errno", "assert", "stdin", "stdout", "stderr", "NULL", "EOF"};
        QSet<QString> set;
        for (const char *w : words)
            set.insert(QString::fromLatin1(w));
        return set;
    }();
    return names;
}

bool isAsciiAlnum(char32_t c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9');
}

/// Words of a name: ASCII letters and digits; accents dropped; other characters as uXXXX words.
QStringList words(const QString &name)
{
    QStringList out;
    QString word;
    auto flush = [&] {
        if (!word.isEmpty())
            out.append(word);
        word.clear();
    };
    for (const char32_t c : name.normalized(QString::NormalizationForm_D).toUcs4()) {
        if (isAsciiAlnum(c)) {
            word.append(QChar(char16_t(c)));
        } else if (QChar::category(c) == QChar::Mark_NonSpacing) {
            continue;   // the accent of a decomposed letter
        } else if (c < 0x80 || QChar::isSpace(c) || QChar::isPunct(c)) {
            flush();
        } else {
            flush();
            out.append(QStringLiteral("u%1").arg(uint(c), 4, 16, QLatin1Char('0')));
        }
    }
    flush();
    return out;
}

bool allUpper(const QString &w)
{
    for (const QChar c : w) {
        if (c.isLower())
            return false;
    }
    return true;
}

} // namespace

QString cppIdentifier(const QString &name, bool pascal)
{
    const QStringList parts = words(name);
    QString id;
    for (qsizetype i = 0; i < parts.size(); ++i) {
        QString w = parts.at(i);
        if (allUpper(w) && w.size() > 1)
            w = w.at(0) + w.mid(1).toLower();   // ID -> Id, URL -> Url
        w[0] = (pascal || i > 0) ? w.at(0).toUpper() : w.at(0).toLower();
        id += w;
    }
    if (id.isEmpty())
        id = pascal ? QStringLiteral("Unnamed") : QStringLiteral("unnamed");
    if (id.at(0).isDigit())
        id.prepend(pascal ? QLatin1Char('N') : QLatin1Char('n'));
    if (reservedNames().contains(id))
        id += QLatin1Char('_');
    return id;
}

QString cppTypeFor(const QString &dataType, dialect::DialectKind dialect)
{
    const QString t = dataType.trimmed().toLower();
    auto has = [&t](const char *part) { return t.contains(QLatin1String(part)); };
    auto starts = [&t](const char *part) { return t.startsWith(QLatin1String(part)); };
    if (dialect == dialect::DialectKind::Postgres) {
        if (t.endsWith(QLatin1String("[]")))
            return QStringLiteral("QString");   // arrays travel as their text form
        if (t == u"smallint")
            return QStringLiteral("short");
        if (t == u"integer")
            return QStringLiteral("int");
        if (t == u"bigint")
            return QStringLiteral("qint64");
        if (t == u"real")
            return QStringLiteral("float");
        if (t == u"double precision" || starts("numeric"))
            return QStringLiteral("double");
        if (t == u"boolean")
            return QStringLiteral("bool");
        if (t == u"bytea")
            return QStringLiteral("QByteArray");
        if (t == u"date")
            return QStringLiteral("QDate");
        if (starts("timestamp"))
            return QStringLiteral("QDateTime");
        if (starts("time"))
            return QStringLiteral("QTime");
        if (t == u"json" || t == u"jsonb")
            return QStringLiteral("QJsonDocument");
        return QStringLiteral("QString");
    }
    // SQLite: the declared type, then its affinity (https://sqlite.org/datatype3.html 3.1).
    if (starts("bool"))
        return QStringLiteral("bool");
    if (has("timestamp") || has("datetime"))
        return QStringLiteral("QDateTime");
    if (starts("date"))
        return QStringLiteral("QDate");
    if (starts("time"))
        return QStringLiteral("QTime");
    if (starts("json"))
        return QStringLiteral("QJsonDocument");
    if (has("int"))
        return QStringLiteral("qint64");
    if (has("char") || has("clob") || has("text"))
        return QStringLiteral("QString");
    if (t.isEmpty() || has("blob"))
        return QStringLiteral("QByteArray");
    return QStringLiteral("double");   // REAL, FLOAT, DOUBLE, NUMERIC, DECIMAL
}

} // namespace strata::mapping
