#include "sqlview.h"

#include "connection/connectionprofile.h"
#include "console/sqlhighlighter.h"
#include "migrate/ops/operationcompiler.h"
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

MigrationConfirmation applyConfirmation(const connection::ConnectionProfile &profile, const QString &title,
                                        const QString &summary, const QList<migrate::ops::Operation> &operations,
                                        const QStringList &statements)
{
    MigrationConfirmation c;
    c.title = title;
    c.summary = summary;
    for (const migrate::ops::Operation &op : operations) {
        c.revisions << migrate::ops::describe(op);
        if (migrate::ops::losesData(op))
            c.destructive << migrate::ops::describe(op);
    }
    c.sql = migrate::ops::scriptText(statements);
    c.production = isDangerTag(profile.colorTag);
    c.databaseName = profile.isPostgres() ? profile.database : QFileInfo(profile.filePath).fileName();
    c.runLabel = QObject::tr("Apply");
    return c;
}

} // namespace strata::ui
