#include "migrationconfirmdialog.h"

#include "revisionfilehighlighter.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace strata::ui {

MigrationConfirmDialog::MigrationConfirmDialog(const MigrationConfirmation &c, QWidget *parent)
    : QDialog(parent), m_confirmation(c), m_revisions(new QListWidget(this)), m_sql(new QPlainTextEdit(this))
{
    setWindowTitle(c.title);
    setObjectName(QStringLiteral("MigrationConfirmDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *summary = new QLabel(c.summary, this);
    summary->setWordWrap(true);
    QFont bold = summary->font();
    bold.setBold(true);
    summary->setFont(bold);
    layout->addWidget(summary);

    m_revisions->addItems(c.revisions);
    m_revisions->setMaximumHeight(std::min(160, 24 + 22 * int(c.revisions.size())));
    layout->addWidget(m_revisions);

    if (!c.destructive.isEmpty()) {
        m_warning = new QLabel(this);
        m_warning->setObjectName(QStringLiteral("destructiveWarning"));
        m_warning->setWordWrap(true);
        m_warning->setTextFormat(Qt::RichText);
        QStringList items;
        for (const QString &d : c.destructive)
            items.append(QStringLiteral("<li><code>%1</code></li>").arg(d.toHtmlEscaped()));
        m_warning->setText(tr("<b>⚠ This deletes data.</b> These statements drop tables or columns; what they hold is gone "
                              "unless you have a backup:<ul style='margin:2px'>%1</ul>").arg(items.join(QString())));
        m_warning->setStyleSheet(QStringLiteral("QLabel { background: #fdecea; color: #8a1c1c; border: 1px solid #e3a5a0;"
                                                " border-radius: 4px; padding: 6px; }"));
        layout->addWidget(m_warning);
    }

    layout->addWidget(new QLabel(tr("The SQL that will run:"), this));
    m_sql->setReadOnly(true);
    new RevisionFileHighlighter(m_sql->document());
    m_sql->setPlainText(c.sql);
    m_sql->setLineWrapMode(QPlainTextEdit::NoWrap);
    QFont mono(QStringLiteral("monospace"));
    mono.setStyleHint(QFont::Monospace);
    m_sql->setFont(mono);
    layout->addWidget(m_sql, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_run = buttons->addButton(c.runLabel.isEmpty() ? tr("Run") : c.runLabel, QDialogButtonBox::AcceptRole);
    if (c.production) {
        auto *ask = new QLabel(tr("This connection is tagged <b>production</b>. Type the database name <b>%1</b> to confirm:")
                                   .arg(c.databaseName.toHtmlEscaped()), this);
        ask->setWordWrap(true);
        layout->addWidget(ask);
        m_name = new QLineEdit(this);
        m_name->setObjectName(QStringLiteral("databaseNameEdit"));
        m_name->setPlaceholderText(c.databaseName);
        layout->addWidget(m_name);
        connect(m_name, &QLineEdit::textChanged, this, [this] { m_run->setEnabled(canRun()); });
        m_run->setEnabled(false);
    }
    connect(buttons, &QDialogButtonBox::accepted, this, &MigrationConfirmDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    (c.production ? static_cast<QWidget *>(m_name) : static_cast<QWidget *>(buttons->button(QDialogButtonBox::Cancel)))->setFocus();
    resize(720, 560);
}

bool MigrationConfirmDialog::canRun() const
{
    return !m_confirmation.production || (m_name && m_name->text() == m_confirmation.databaseName);
}

void MigrationConfirmDialog::accept()
{
    if (!canRun())
        return;
    QDialog::accept();
}

} // namespace strata::ui
