import { RegisteringPhone } from './sip-registration'

/**
 * A softphone's registration, and nothing more, for the soak: SIP over WebSocket to the embedded
 * SIP server, registered as bench/lib/sip-registration.ts does it. Each re-REGISTER is a new pair of
 * transactions on the same connection; `reconnect` opens a fresh connection (a softphone that lost
 * its network), so per-connection state on the server is churned too.
 */
export class SoakSipPhone extends RegisteringPhone {
  async reconnect(): Promise<void> {
    this.close()
    await this.connect()
  }

  protected onRequest(): void {
    // A registration only: the soak never calls this phone.
  }
}
