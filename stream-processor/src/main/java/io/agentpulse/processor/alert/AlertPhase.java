package io.agentpulse.processor.alert;

/** The phases of one alert instance (rule x series). */
enum AlertPhase { INACTIVE, PENDING, FIRING, RESOLVED }
