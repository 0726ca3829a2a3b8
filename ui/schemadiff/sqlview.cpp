#include "sqlview.h"

#include "connection/connectionprofile.h"
#include "console/sqlhighlighter.h"
#include "widgets/colortags.h"

#include <QFileInfo>
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

QString sqlPreview(const QStringList &reviewNotes, const QStringList &statements)
{
    QString text;
    for (const QString &note : reviewNotes)
        text += QStringLiteral("-- REVIEW: ") + note + QLatin1Char('\n');
    if (!text.isEmpty())
        text += QLatin1Char('\n');
    return text + sqlScript(statements);
}

MigrationConfirmation applyConfirmation(const connection::ConnectionProfile &profile, const QString &title,
                                        const QString &summary, const QStringList &descriptions,
                                        const QStringList &statements)
{
    MigrationConfirmation c;
    c.title = title;
    c.summary = summary;
    c.revisions = descriptions;
    c.sql = sqlScript(statements);
    for (const QString &s : statements)
        if (s.trimmed().startsWith(QLatin1String("DROP"), Qt::CaseInsensitive) || s.contains(QLatin1String(" DROP "), Qt::CaseInsensitive))
            c.destructive << s.trimmed();
    c.production = isDangerTag(profile.colorTag);
    c.databaseName = profile.isPostgres() ? profile.database : QFileInfo(profile.filePath).fileName();
    c.runLabel = QObject::tr("Apply");
    return c;
}

} // namespace strata::ui
