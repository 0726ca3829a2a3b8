#pragma once

// ParameterDialog: asks for the values of the parameters a script uses (:name, $1, ?1),
// each as text or NULL; the values are bound, never written into the SQL. Remembers what
// was entered per key for the next run.

#include "exec/statementoutcome.h"

#include <QDialog>

class QCheckBox;
class QLineEdit;

namespace strata::ui {

class ParameterDialog : public QDialog {
    Q_OBJECT
public:
    ParameterDialog(const QStringList &keys, const exec::ParameterValues &previous, QWidget *parent = nullptr);
    exec::ParameterValues values() const;
    QLineEdit *editFor(const QString &key) const;

private:
    QStringList m_keys;
    QList<QLineEdit *> m_edits;
    QList<QCheckBox *> m_nulls;
};

} // namespace strata::ui
