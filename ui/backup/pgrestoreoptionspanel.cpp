#include "pgrestoreoptionspanel.h"

#include "pgtoolfolder.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QLineEdit>
#include <QSpinBox>

namespace strata::ui {

using namespace strata::backup;

PgRestoreOptionsPanel::PgRestoreOptionsPanel(const QString &database, QWidget *parent)
    : QWidget(parent), m_target(new QComboBox(this)), m_newDatabase(new QLineEdit(this)),
      m_createArchiveDb(new QCheckBox(tr("Create the &archive's database (--create)"), this)),
      m_content(new QComboBox(this)), m_jobs(new QSpinBox(this)), m_clean(new QCheckBox(tr("C&lean (drop objects first)"), this)),
      m_ifExists(new QCheckBox(tr("&If exists"), this)), m_single(new QCheckBox(tr("&Single transaction"), this)),
      m_noOwner(new QCheckBox(tr("No o&wner"), this)), m_noPrivileges(new QCheckBox(tr("No &privileges"), this)),
      m_exitOnError(new QCheckBox(tr("S&top at the first error"), this))
{
    auto *form = new QFormLayout(this);
    form->setContentsMargins(0, 0, 0, 0);
    m_target->addItem(tr("This database (%1)").arg(database));
    m_target->addItem(tr("A new database"));
    form->addRow(tr("&Into:"), m_target);
    m_newDatabase->setPlaceholderText(tr("name of the new database"));
    form->addRow(tr("&New name:"), m_newDatabase);
    m_createArchiveDb->setToolTip(tr("pg_restore connects to this database, creates the database the backup was taken "
                                     "from (its name and settings; with Clean, drops it first) and restores into it."));
    form->addRow(QString(), m_createArchiveDb);
    m_content->addItem(tr("Schema and data"), int(Content::Everything));
    m_content->addItem(tr("Schema only"), int(Content::SchemaOnly));
    m_content->addItem(tr("Data only"), int(Content::DataOnly));
    form->addRow(tr("C&ontent:"), m_content);
    form->addRow(tr("&Tools folder:"), PgToolFolder::makeEdit(this));
    m_jobs->setRange(1, 16);
    form->addRow(tr("Parallel &jobs:"), m_jobs);
    m_exitOnError->setChecked(true);
    for (QCheckBox *c : {m_clean, m_ifExists, m_single, m_noOwner, m_noPrivileges, m_exitOnError})
        form->addRow(QString(), c);
    for (QCheckBox *c : {m_clean, m_single, m_createArchiveDb})
        connect(c, &QCheckBox::toggled, this, &PgRestoreOptionsPanel::update);
    connect(m_target, &QComboBox::currentIndexChanged, this, &PgRestoreOptionsPanel::update);
    connect(m_content, &QComboBox::currentIndexChanged, this, &PgRestoreOptionsPanel::update);
    update();
}

void PgRestoreOptionsPanel::setPlain(bool plain)
{
    m_plain = plain;
    update();
}

void PgRestoreOptionsPanel::update()
{
    m_newDatabase->setEnabled(m_target->currentIndex() == 1);
    const bool dataOnly = Content(m_content->currentData().toInt()) == Content::DataOnly;
    for (QWidget *w : std::initializer_list<QWidget *>{m_content, m_noOwner, m_noPrivileges})
        w->setEnabled(!m_plain);
    m_clean->setEnabled(!m_plain && !dataOnly);
    m_ifExists->setEnabled(!m_plain && m_clean->isChecked());
    m_jobs->setEnabled(!m_plain && !m_single->isChecked());
    // --create: into the archive's own database, through this one; not inside one transaction.
    m_createArchiveDb->setEnabled(!m_plain && m_target->currentIndex() == 0 && !m_single->isChecked());
    m_target->setEnabled(!createsArchiveDatabase());
}

bool PgRestoreOptionsPanel::createsArchiveDatabase() const
{
    return m_createArchiveDb->isEnabled() && m_createArchiveDb->isChecked();
}

void PgRestoreOptionsPanel::setNewDatabase(const QString &name)
{
    m_target->setCurrentIndex(1);
    m_newDatabase->setText(name);
}

QString PgRestoreOptionsPanel::newDatabase() const
{
    return m_target->currentIndex() == 1 ? m_newDatabase->text().trimmed() : QString();
}

void PgRestoreOptionsPanel::fill(RestoreOptions &o) const
{
    o.singleTransaction = m_single->isChecked();
    o.exitOnError = m_exitOnError->isChecked();
    if (m_plain)
        return;
    o.content = Content(m_content->currentData().toInt());
    o.jobs = m_jobs->isEnabled() ? m_jobs->value() : 1;
    o.clean = m_clean->isEnabled() && m_clean->isChecked();
    o.ifExists = o.clean && m_ifExists->isChecked();
    o.noOwner = m_noOwner->isChecked();
    o.noPrivileges = m_noPrivileges->isChecked();
    o.createDatabase = createsArchiveDatabase();
}

} // namespace strata::ui
