#pragma once

// Asks for a password when the server wants one that nobody saved (or the saved one was
// wrong), with "save password" (to the keychain, or for this session only when there is
// no keychain). The password lives in memory only.

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace strata::ui {

class PasswordDialog : public QDialog {
    Q_OBJECT
public:
    /// `message` says why (e.g. the server's "wrong password"); `sessionOnly` changes the
    /// checkbox to "remember for this session".
    PasswordDialog(const QString &target, const QString &message, bool sessionOnly, QWidget *parent = nullptr);

    QString password() const;
    bool savePassword() const;
    QLineEdit *passwordEdit() const { return m_password; }

private:
    QLineEdit *m_password;
    QCheckBox *m_save;
};

} // namespace strata::ui
