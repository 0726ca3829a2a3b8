#pragma once

// ForeignKeyDialog: the foreign key proposed by a drag on the diagram, before anything is
// written. The person pairs the referencing columns with the referenced ones (the drag's
// guess filled in), picks ON DELETE / ON UPDATE and a name, and sees the exact SQL the
// revision's upgrade will run (compiled in core: erd::compileProposal, the designer's and
// strata-migrate's DDL; on SQLite the table rebuild). Two ways out besides Cancel:
// "Save revision" (the default: a revision into the attached project) and "Apply to
// database…" (then the usual confirmation). The dialog itself writes and runs nothing: the
// ErdTab does, with the choice it returns.

#include "erd/foreignkeyproposal.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLayout;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;

namespace strata::ui {

class ForeignKeyDialog : public QDialog {
    Q_OBJECT
public:
    enum class Choice { Cancelled, SaveRevision, Apply };

    /// `before`: the child's schema as the catalog has it (what the SQL is compiled against).
    /// `projectFolder`: the attached migrations project (empty: none; Save will ask).
    ForeignKeyDialog(const erd::Diagram &diagram, const erd::ForeignKeyProposal &proposal,
                     migrate::ops::SchemaSnapshot before, const QString &projectFolder, QWidget *parent = nullptr);

    Choice choice() const { return m_choice; }
    /// The key as the form describes it now.
    erd::ForeignKeyProposal proposal() const;
    /// The compiled SQL of proposal() (empty when it is not valid).
    const migrate::ops::CompiledMigration &compiled() const { return m_compiled; }
    /// The revision's message (the placeholder when left empty).
    QString message() const;

    QLineEdit *nameEdit() const { return m_name; }
    QTableWidget *pairsTable() const { return m_pairs; }
    QComboBox *onDeleteBox() const { return m_onDelete; }
    QComboBox *onUpdateBox() const { return m_onUpdate; }
    QLineEdit *messageEdit() const { return m_message; }
    QPlainTextEdit *previewView() const { return m_preview; }
    QLabel *problemsLabel() const { return m_problems; }
    QPushButton *saveButton() const { return m_save; }
    QPushButton *applyButton() const { return m_apply; }
    /// The combo of pair `row`: the child's column (0) or the referenced column (1).
    QComboBox *pairBox(int row, int side) const;

private:
    /// The pairs table (m_pairs) filled from `proposal`; returns the row of its buttons.
    QLayout *buildPairs(const erd::ForeignKeyProposal &proposal);
    void addPair(const QString &childColumn, const QString &parentColumn);
    void updatePreview();
    void finish(Choice choice);

    erd::Diagram m_diagram;
    erd::TableKey m_child;
    erd::TableKey m_parent;
    migrate::ops::SchemaSnapshot m_before;
    migrate::ops::CompiledMigration m_compiled;
    Choice m_choice = Choice::Cancelled;
    bool m_nameEdited = false;

    QLineEdit *m_name = nullptr;
    QTableWidget *m_pairs = nullptr;
    QComboBox *m_onDelete = nullptr;
    QComboBox *m_onUpdate = nullptr;
    QLineEdit *m_message = nullptr;
    QPlainTextEdit *m_preview = nullptr;
    QLabel *m_problems = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_apply = nullptr;
};

} // namespace strata::ui
