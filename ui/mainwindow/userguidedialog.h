#pragma once

// Help › User guide: the README (installed next to the program, or the source tree's when
// running from a build directory) shown in a browser window, offline.

#include <QDialog>

class QTextBrowser;

namespace strata::ui {

class UserGuideDialog : public QDialog {
    Q_OBJECT
public:
    explicit UserGuideDialog(QWidget *parent = nullptr);

    /// The README found on this machine, or an empty string.
    static QString guidePath();
    QTextBrowser *browser() const { return m_browser; }

private:
    QTextBrowser *m_browser;
};

} // namespace strata::ui
