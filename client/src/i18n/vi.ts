/** Vietnamese, the default language. English mirrors these keys. */
export const vi = {
  app: { title: 'Điểm cầu' },
  kiosk: {
    connecting: 'Đang kết nối tới điểm cầu trung tâm…',
    waiting: 'Chưa có cuộc họp',
    nextMeeting: 'Cuộc họp tiếp theo: {{title}} lúc {{time}}',
    noNextMeeting: 'Chưa có lịch họp nào sắp tới cho điểm cầu này.',
    joinsItself: 'Điểm cầu sẽ tự vào họp khi cuộc họp bắt đầu.',
    live: 'Đang họp',
    joiningMedia: 'Đang mở hình và tiếng…',
    reconnecting: 'Mất kết nối — đang kết nối lại (lần {{attempt}})…',
    reconnectingHint: 'Không cần thao tác. Nếu kéo dài, hãy kiểm tra dây mạng và báo kỹ thuật viên.',
    error: 'Không vào được cuộc họp',
    retrying: 'Sẽ thử lại sau {{seconds}} giây.',
    cameraProblem: 'Không mở được camera hoặc micrô: {{reason}}',
    noOtherSites: 'Đang chờ các điểm cầu khác vào họp…',
    you: 'Điểm cầu này',
    sitesOnline: '{{online}}/{{total}} điểm cầu đang kết nối',
  },
  errors: {
    'invalid-request': 'Yêu cầu không hợp lệ.',
    unauthenticated: 'Đường dẫn điểm cầu thiếu mã truy cập. Hãy mở đúng đường dẫn do Văn phòng cấp.',
    'token-expired': 'Đường dẫn điểm cầu đã hết hạn. Hãy xin Văn phòng cấp đường dẫn mới.',
    'token-invalid': 'Đường dẫn điểm cầu không hợp lệ. Hãy mở đúng đường dẫn do Văn phòng cấp.',
    'token-revoked': 'Đường dẫn điểm cầu đã bị thu hồi hoặc thay thế. Hãy xin Văn phòng đường dẫn mới.',
    forbidden: 'Không có quyền thực hiện thao tác này.',
    'not-found': 'Không tìm thấy.',
    'not-in-meeting': 'Điểm cầu không ở trong cuộc họp nào.',
    'media-error': 'Lỗi truyền hình ảnh hoặc âm thanh.',
    internal: 'Lỗi máy chủ. Hãy báo kỹ thuật viên.',
    network: 'Không liên lạc được với máy chủ.',
    timeout: 'Máy chủ không trả lời kịp.',
  },
} as const;

type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> };
export type Messages = Widen<typeof vi>;
