#include "alembicrefusaldialog.h"

#include <QDialogButtonBox>
#include <QGridLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace strata::ui {

namespace {

QLabel *locationLabel(const QString &text, const QString &color, QWidget *parent)
{
    auto *l = new QLabel(QStringLiteral("<code style='color:%1'>%2</code>").arg(color, text.toHtmlEscaped()), parent);
    l->setTextFormat(Qt::RichText);
    l->setTextInteractionFlags(Qt::TextSelectableByMouse);
    l->setWordWrap(true);
    return l;
}

} // namespace

AlembicRefusalDialog::AlembicRefusalDialog(const migrate::alembic::AlembicTarget &target, const QString &command, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("AlembicRefusalDialog"));
    setWindowTitle(tr("Alembic would use another database"));
    auto *layout = new QVBoxLayout(this);
    auto *title = new QLabel(tr("<h3 style='color:#b71c1c'>✕ Refused: Alembic would connect to another database</h3>"
                                "<p><code>%1</code> was not run. Strata asked the project's own Alembic (env.py included) "
                                "which database it would open, without connecting:</p>")
                                 .arg(command.toHtmlEscaped()),
                             this);
    title->setTextFormat(Qt::RichText);
    title->setWordWrap(true);
    layout->addWidget(title);
    auto *grid = new QGridLayout;
    grid->addWidget(new QLabel(tr("<b>Alembic would use:</b>"), this), 0, 0, Qt::AlignTop);
    grid->addWidget(locationLabel(target.configured.display(), QStringLiteral("#b71c1c"), this), 0, 1);
    grid->addWidget(new QLabel(tr("<b>This panel shows:</b>"), this), 1, 0, Qt::AlignTop);
    grid->addWidget(locationLabel(target.expected.display(), QStringLiteral("#1b5e20"), this), 1, 1);
    grid->setColumnStretch(1, 1);
    layout->addLayout(grid);
    auto *explain = new QLabel(this);
    explain->setWordWrap(true);
    explain->setTextFormat(Qt::RichText);
    auto *buttons = new QDialogButtonBox(this);
    m_refuse = buttons->addButton(tr("Don't run"), QDialogButtonBox::RejectRole);
    m_refuse->setObjectName(QStringLiteral("refuseButton"));
    if (target.overrideWorks()) {
        explain->setText(tr("<p>This project lets Strata choose the database: with <code>sqlalchemy.url</code> and "
                            "<code>DATABASE_URL</code> set to this connection (through the environment; the password in "
                            "<code>PGPASSWORD</code>, never on a command line), Alembic connects to <code>%1</code>.</p>")
                             .arg(target.overridden->display().toHtmlEscaped()));
        m_override = buttons->addButton(tr("Run against %1 instead").arg(target.expected.dialect == QLatin1String("sqlite")
                                                                              ? target.expected.database.section(QLatin1Char('/'), -1)
                                                                              : target.expected.database),
                                        QDialogButtonBox::AcceptRole);
        m_override->setObjectName(QStringLiteral("overrideButton"));
    } else {
        explain->setText(tr("<p>Strata cannot make this project's Alembic use this connection: env.py sets its URL in a way "
                            "the environment does not change%1. Open the database Alembic uses in Strata, or change "
                            "env.py to read <code>DATABASE_URL</code>.</p>")
                             .arg(target.overridden ? tr(" (it would still connect to <code>%1</code>)")
                                                          .arg(target.overridden->display().toHtmlEscaped())
                                                    : QString()));
    }
    layout->addWidget(explain);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    m_refuse->setDefault(true);
    resize(640, sizeHint().height());
}

} // namespace strata::ui
