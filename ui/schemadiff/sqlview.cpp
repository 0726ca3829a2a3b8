#include "sqlview.h"

#include "console/sqlhighlighter.h"

#include <QFontDatabase>
#include <QPlainTextEdit>

namespace strata::ui {

QPlainTextEdit *makeSqlView(dialect::DialectKind dialect, QWidget *parent)
{
    auto *view = new QPlainTextEdit(parent);
    view->setReadOnly(true);
    view->setLineWrapMode(QPlainTextEdit::NoWrap);
    view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    new SqlHighlighter(view->document(), dialect);
    return view;
}

QString sqlScript(const QStringList &statements)
{
    QStringList out;
    for (const QString &s : statements) {
        const QString t = s.trimmed();
        out << (t.endsWith(QLatin1Char(';')) ? t : t + QLatin1Char(';'));
    }
    return out.join(QStringLiteral("\n\n"));
}

} // namespace strata::ui
