#pragma once

// What the central area shows while no tab is open: how to start, in one glance.

#include <QWidget>

namespace strata::ui {

class WelcomePage : public QWidget {
    Q_OBJECT
public:
    explicit WelcomePage(QWidget *parent = nullptr);

Q_SIGNALS:
    void openFileRequested();
    void connectRequested();
    void demoRequested();
};

} // namespace strata::ui
