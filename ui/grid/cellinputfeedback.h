#pragma once

// CellInputFeedback: tells the user why a cell editor refused what they typed, instead of
// dropping keys in silence. A refused key (the validator's inputRejected) or a commit of a
// value that is not complete yet (Enter or Tab on "-" in an integer cell) frames the editor
// in red and shows the rule ("pages is an integer column: digits only…") in a note just
// under the cell; what the user had typed stays. Both go once the text is acceptable or the
// editor closes. (Not a QToolTip: a tooltip hides on the next key release, so the note
// would flash for the length of one key press.)
// GUI thread; the feedback object is a child of the editor and takes its note with it.

#include <QObject>
#include <QPointer>
#include <QString>

class QLabel;
class QLineEdit;

namespace strata::ui {

class CellInputFeedback : public QObject {
    Q_OBJECT
public:
    /// Watches `editor` (which has a validator); `rule` is the sentence shown on a refusal.
    static CellInputFeedback *attach(QLineEdit *editor, const QString &rule);
    /// The feedback attached to `editor`, or nullptr.
    static CellInputFeedback *of(const QLineEdit *editor);
    ~CellInputFeedback() override;

    QString rule() const { return m_rule; }
    /// The note under the cell while a refusal is shown, else nullptr.
    QLabel *note() const;
    /// Shows the rule now (a key or a commit was refused).
    void showRefusal();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    CellInputFeedback(QLineEdit *editor, const QString &rule);
    void clearIfAcceptable();
    void clear();
    void placeNote();

    QLineEdit *m_editor;
    QString m_rule;
    QString m_plainStyle;
    QPointer<QLabel> m_note;
};

} // namespace strata::ui
