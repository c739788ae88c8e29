/**
 * The most common passwords from public breach corpora (lower-cased, 8+ characters, since shorter
 * ones fail the length rule first), plus the base words people decorate. Matching is on the lower-cased password with digits and
 * symbols at the ends stripped too, so "Password123!" is caught as "password".
 */
export const COMMON_PASSWORDS: ReadonlySet<string> = new Set(
  `password passw0rd p@ssw0rd p@ssword pa55word password1 password12 password123 password1234 passwords
12345678 123456789 1234567890 0123456789 87654321 987654321 11111111 111111111 00000000 22222222 33333333
44444444 55555555 66666666 77777777 88888888 99999999 12341234 11223344 12121212 12344321 123123123
qwertyui qwertyuiop qwerty123 qwerty12 qwertyu1 1qaz2wsx 1q2w3e4r 1q2w3e4r5t q1w2e3r4 q1w2e3r4t5 zaq12wsx
asdfghjk asdfghjkl asdf1234 zxcvbnm1 zxcvbnm123 abcd1234 abc12345 abcdefgh abcdefg1 a1b2c3d4 aa123456
iloveyou iloveyou1 iloveyou2 princess princess1 sunshine sunshine1 football football1 baseball baseball1
basketball superman batman123 spiderman starwars master123 masterkey welcome1 welcome123 welcomeback
letmein1 letmein123 trustno1 whatever dragon123 monkey123 shadow123 michael1 jennifer jordan23 charlie1
freedom1 computer internet security access14 cheese123 chocolate butterfly elephant midnight1 liverpool
chelsea1 arsenal1 manchester barcelona realmadrid juventus cricket1 sachin10 tendulkar bollywood mumbai123
delhi123 india123 indian123 bharat123 hindustan krishna1 ganesh123 jaishriram omnamahshivaya saibaba
hellohello helloworld hello123 hello1234 goodluck goodmorning samsung1 samsung123 nokia123 iphone123
google123 facebook instagram whatsapp youtube1 microsoft windows1 linux123 ubuntu123 admin123 admin1234
administrator adminadmin rootroot root1234 changeme changeme1 default1 guest123 test1234 testtest
testing1 testing123 secret12 secret123 mysecret mypassword yourpassword newpassword oldpassword
temppass temp1234 login123 loginlogin passpass pass1234 pass12345 letmein! marquee1 marquee123 tickets1
movies123 cinema123 showtime popcorn1 blessed1 lovelove loveyou1 lovely123 mylove123 sweetheart
beautiful angel123 fuckyou1 fuckoff1 asshole1 jesus123 jesuschrist godisgood blink182 metallica
mustang1 corvette ferrari1 porsche1 mercedes harley1 yamaha123 pokemon1 pikachu1 naruto123 minecraft
fortnite1 roblox123 playstation xbox3600 nintendo gameover1 qazwsxedc qazwsx123 zxcvbnma poiuytrewq
mnbvcxz1 asdfasdf qweqweqwe qweasdzxc 1234qwer qwer1234 1234abcd abcd12345 aaaaaaaa abcabcabc
summer123 winter123 spring123 autumn123 january1 february december1 monday123 sunday123 birthday1
happy123 happiness family123 mother123 father123 brother1 sister123 daughter children friends1
friendship soccer123 hockey123 tennis123 golfer123 eagles123 tigers123 lakers24 yankees1 cowboys1
steelers packers1 qwerty1234 password! password@123 india@123 welcome@123 admin@123 pass@123
password qwerty iloveyou india welcome admin letmein monkey dragon master shadow cricket marquee
princess sunshine football superman batman pokemon`.split(/\s+/),
);
