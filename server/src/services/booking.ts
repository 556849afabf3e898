import type { HallConfig } from '@onewindow/config';
import type { Db } from '../repositories/db.ts';
import { AppointmentRepository } from '../repositories/appointment.repository.ts';
import { AppointmentService } from './appointment.service.ts';
import type { HallService } from './hall.service.ts';
import { NotificationService } from './notification.service.ts';
import { createNotifier } from './notifier.ts';
import type { QueueService } from './queue.service.ts';

/** Wires bookings into the hall: the service, the kiosk check-in hook, and phone notifications. */
export function bookingServices(db: Db, hall: HallService, queue: QueueService, config: HallConfig) {
  const repo = new AppointmentRepository(db);
  const appointments = new AppointmentService(repo, config, hall.clock, () => hall.model.appointmentLeadSec);
  queue.checkIn = appointments.checkIn;
  const notifier = createNotifier(config.notifications?.kind);
  const notifications = new NotificationService(hall, repo, notifier, config, () => queue.views());
  notifications.start();
  return { appointments, notifier, notifications };
}
export type BookingServices = ReturnType<typeof bookingServices>;
